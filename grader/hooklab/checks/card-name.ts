/** The lab's one-line card answer: "KING of HEARTS", "10 of CLUBS". */
export const CARD_NAME = /^(ACE|[2-9]|10|JACK|QUEEN|KING) of (SPADES|HEARTS|DIAMONDS|CLUBS)$/;
